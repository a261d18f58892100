package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convbench.data.ImageSet;
import org.junit.jupiter.api.Test;

class TrainingGraphTest {

  @Test
  void recordLayoutBecomesHeightWidthChannel() {
    byte[] pixels = new byte[2 * ImageSet.IMAGE_BYTES];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i % ImageSet.IMAGE_BYTES / 1024 * 100 + i / ImageSet.IMAGE_BYTES); // channel·100 + image
    }
    pixels[ImageSet.IMAGE_BYTES + 1024 + 33] = 77; // image 1, green, row 1, column 1
    byte[] hwc = TrainingGraph.toHwc(new ImageSet(pixels, new byte[2], 2));
    assertEquals(0, hwc[0]);
    assertEquals(100, hwc[1]);
    assertEquals(200, hwc[2] & 0xFF);
    assertEquals(1, hwc[ImageSet.IMAGE_BYTES]);
    assertEquals(77, hwc[ImageSet.IMAGE_BYTES + 33 * 3 + 1]);
  }
}
