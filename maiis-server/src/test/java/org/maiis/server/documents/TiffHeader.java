package org.maiis.server.documents;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A TIFF whose pages declare any sizes, with one byte of pixel data: a multi-page bomb stand-in.
 */
public final class TiffHeader {
  private static final int ENTRIES = 8;
  private static final int IFD_BYTES = 2 + ENTRIES * 12 + 4;

  private TiffHeader() {}

  /** A little-endian TIFF with one grey 8-bit page per {@code {width, height}}. */
  public static byte[] pages(int[]... sizes) {
    int dataOffset = 8 + sizes.length * IFD_BYTES;
    ByteBuffer b =
        ByteBuffer.allocate(dataOffset + 1)
            .order(ByteOrder.LITTLE_ENDIAN)
            .put(new byte[] {'I', 'I'});
    b.putShort((short) 42).putInt(8);
    for (int p = 0; p < sizes.length; p++) {
      b.putShort((short) ENTRIES);
      entry(b, 256, 4, sizes[p][0]); // ImageWidth
      entry(b, 257, 4, sizes[p][1]); // ImageLength
      entry(b, 258, 3, 8); // BitsPerSample
      entry(b, 259, 3, 1); // Compression: none
      entry(b, 262, 3, 1); // PhotometricInterpretation: black is zero
      entry(b, 273, 4, dataOffset); // StripOffsets
      entry(b, 278, 4, sizes[p][1]); // RowsPerStrip
      entry(b, 279, 4, 1); // StripByteCounts
      b.putInt(p + 1 < sizes.length ? 8 + (p + 1) * IFD_BYTES : 0);
    }
    return b.put((byte) 0).array();
  }

  private static void entry(ByteBuffer b, int tag, int type, int value) {
    b.putShort((short) tag).putShort((short) type).putInt(1);
    if (type == 3) {
      b.putShort((short) value).putShort((short) 0);
    } else {
      b.putInt(value);
    }
  }
}
