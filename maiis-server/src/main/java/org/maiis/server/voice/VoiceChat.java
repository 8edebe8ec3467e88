package org.maiis.server.voice;

import java.util.regex.Pattern;
import org.maiis.server.failure.Failure;
import org.maiis.server.rag.ChatService;
import org.maiis.server.rag.ChatService.Answer;

/**
 * One spoken turn: the audio is transcribed, the transcript answered from the knowledge base, and
 * the answer spoken back. Nothing is invented: no words heard is a 422; a question about nothing in
 * the knowledge base gets the chat's "found nothing" answer, spoken like any other.
 *
 * @param voice hears the question and speaks the answer
 * @param answerer answers the transcript
 */
public record VoiceChat(Voice voice, Answerer answerer) {
  /** Longest transcript sent on as a question, as the chat route's message limit. */
  public static final int MAX_QUESTION = 4000;

  // The [n] citation marks of an answer are for reading, not for speaking.
  private static final Pattern CITATION = Pattern.compile("\\s*\\[\\d+]");

  /** Answers a user's question (the chat service: a turn lands in the chat history too). */
  @FunctionalInterface
  public interface Answerer {
    /** The answer to {@code question} from what {@code userId} may read. */
    Answer answer(String userId, String question);
  }

  /**
   * A finished turn.
   *
   * @param transcript what was heard
   * @param sttProvider who heard it
   * @param answer the answer
   * @param audio the answer spoken in {@code format}
   * @param ttsProvider who spoke it
   */
  public record Turn(
      String transcript,
      String sttProvider,
      Answer answer,
      byte[] audio,
      String format,
      String ttsProvider) {}

  /** Receives each stage as soon as it is done (the WebSocket sends a frame per stage). */
  public interface Progress {
    /** Ignores the stages (the HTTP route answers once, at the end). */
    Progress NONE =
        new Progress() {
          @Override
          public void heard(String transcript, String provider) {}

          @Override
          public void answered(Answer answer) {}
        };

    /** The transcript is ready. */
    void heard(String transcript, String provider);

    /** The answer is ready; speaking it comes next. */
    void answered(Answer answer);
  }

  // A long answer is spoken up to the last full sentence that fits the speech limit; the text
  // answer keeps all of it.
  private String speakable(String text) {
    int max = voice.maxTtsChars();
    if (text.length() <= max) {
      return text;
    }
    String head = text.substring(0, max);
    int end =
        Math.max(head.lastIndexOf(". "), Math.max(head.lastIndexOf("! "), head.lastIndexOf("? ")));
    return end > 0 ? head.substring(0, end + 1) : head;
  }

  /**
   * Runs one turn on {@code audio}, a WAV or MP3 file.
   *
   * @throws Failure 415/413 for audio that is not WAV or MP3 or too long; 422 no_speech when no
   *     words were heard; the speech chains' 422/503
   */
  public Turn turn(String userId, byte[] audio, SpeechOptions out, Progress progress) {
    Voice.Transcription heard = voice.transcribe(voice.recording(audio), out.language());
    String question = heard.text().strip();
    if (question.isEmpty()) {
      throw Failure.ruleBroken("no_speech", "no words were heard in the audio");
    }
    if (question.length() > MAX_QUESTION) {
      question = question.substring(0, MAX_QUESTION);
    }
    progress.heard(question, heard.provider());
    Answer answer = answerer.answer(userId, question);
    progress.answered(answer);
    String spoken = speakable(CITATION.matcher(answer.response()).replaceAll("").strip());
    if (spoken.isEmpty()) {
      // An answer of citation marks only has no words to speak; the listener still hears one.
      spoken = ChatService.NOTHING_FOUND;
    }
    Voice.Spoken s = voice.speak(spoken, out);
    return new Turn(question, heard.provider(), answer, s.bytes(), out.format(), s.provider());
  }
}
