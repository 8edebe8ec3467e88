package org.maiis.server.rag.llm;

/**
 * One message of a chat with a language model.
 *
 * @param role system, user or assistant
 * @param content the text
 */
public record ChatMessage(String role, String content) {
  /** A system message. */
  public static ChatMessage system(String content) {
    return new ChatMessage("system", content);
  }

  /** A user message. */
  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }

  /** An assistant message. */
  public static ChatMessage assistant(String content) {
    return new ChatMessage("assistant", content);
  }
}
