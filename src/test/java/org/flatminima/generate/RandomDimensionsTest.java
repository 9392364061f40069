package org.flatminima.generate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class RandomDimensionsTest extends QuietTest {
    @Test
    void meetingA1DrawsWidthsThatMeetA1WithinTheLimits() {
        Property.forAll("meetingA1", 200, 51L, rnd -> {
            int[] dims = RandomDimensions.meetingA1(rnd, 1, 5, 4);
            assertTrue(RandomDimensions.meetsA1(dims), Arrays.toString(dims));
            assertTrue(dims.length >= 2 && dims.length <= 6);
            assertTrue(Arrays.stream(dims).allMatch(d -> d >= 1 && d <= 4));
        });
    }

    @Test
    void bottleneckDrawsWidthsThatViolateA1() {
        Property.forAll("bottleneck", 200, 52L, rnd -> {
            int[] dims = RandomDimensions.bottleneck(rnd, 5, 4);
            assertFalse(RandomDimensions.meetsA1(dims), Arrays.toString(dims));
            assertTrue(dims.length >= 3 && dims.length <= 6);
            assertTrue(Arrays.stream(dims).allMatch(d -> d >= 1 && d <= 4));
        });
    }

    @Test
    void a1IsDecidedFromTheNarrowestHiddenWidth() {
        assertTrue(RandomDimensions.meetsA1(new int[] {2, 3, 2, 5}));
        assertTrue(RandomDimensions.meetsA1(new int[] {4, 1}));
        assertFalse(RandomDimensions.meetsA1(new int[] {3, 2, 4}));
        assertThrows(IllegalArgumentException.class,
                () -> RandomDimensions.bottleneck(new SplittableRandom(1), 1, 4));
    }
}
