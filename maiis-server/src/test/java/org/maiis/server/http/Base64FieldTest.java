package org.maiis.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.maiis.server.failure.Failure;

class Base64FieldTest {
  @Test
  void lineBrokenBase64IsDecoded() {
    assertArrayEquals(
        "hello world".getBytes(StandardCharsets.US_ASCII),
        Base64Field.decode("audio_base64", "aGVsbG8g\r\nd29y bGQ="));
  }

  @Test
  void charactersOutsideTheAlphabetAreRefusedNamingTheField() {
    // A MIME decoder skipped "!!!!" and answered an empty array: "the audio is empty".
    for (String bad : new String[] {"!!!!", "!!!notb64", "data:audio/wav;base64,UklGRg=="}) {
      Failure e = assertThrows(Failure.class, () -> Base64Field.decode("audio_base64", bad), bad);
      assertEquals(Failure.Kind.INVALID, e.kind());
      assertEquals("invalid_field", e.code());
      assertEquals("audio_base64 is not valid base64", e.getMessage());
    }
  }
}
