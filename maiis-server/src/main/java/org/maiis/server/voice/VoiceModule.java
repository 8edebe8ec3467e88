package org.maiis.server.voice;

import io.javalin.config.RoutesConfig;
import org.maiis.server.auth.Authenticator;
import org.maiis.server.auth.WebSocketAuth;
import org.maiis.server.http.WebSocketMetrics;
import org.maiis.server.platform.Platform;
import org.maiis.server.platform.ServerModule;
import org.maiis.server.rag.ChatService;

/** Speech to text, text to speech, and spoken chat turns (HTTP and WebSocket). */
public final class VoiceModule implements ServerModule {
  private final VoiceController controller;
  private final VoiceSocket socket;

  /** Builds the area on {@code p}; spoken questions are answered by {@code chat}. */
  public VoiceModule(
      Platform p, Authenticator authenticator, WebSocketAuth webSockets, ChatService chat) {
    Voice speech =
        Voice.from(p.config().speech(), p.env(), p.providers(), VoiceMetrics.from(p.catalog()));
    VoiceChat voiceChat = new VoiceChat(speech, chat::answer);
    this.controller = new VoiceController(speech, voiceChat, authenticator);
    this.socket = new VoiceSocket(voiceChat, webSockets, WebSocketMetrics.from(p.catalog()));
  }

  @Override
  public void routes(RoutesConfig routes) {
    controller.register(routes);
    socket.register(routes);
  }

  @Override
  public long maxMultipartBytes() {
    return VoiceController.maxRequestBytes();
  }
}
