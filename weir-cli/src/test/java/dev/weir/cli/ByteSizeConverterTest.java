package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ByteSizeConverterTest {
    private final ByteSizeConverter converter = new ByteSizeConverter();

    @Test
    void sizesAreReadInPowersOf1024OrAsBytes() {
        assertThat(converter.convert("512MB")).isEqualTo(512L * 1024 * 1024);
        assertThat(converter.convert(" 64kb ")).isEqualTo(64L * 1024);
        assertThat(converter.convert("1GB")).isEqualTo(1024L * 1024 * 1024);
        assertThat(converter.convert("100")).isEqualTo(100L);
    }

    @Test
    void aSizeOfNothingOrWithoutANumberIsRefused() {
        assertThatThrownBy(() -> converter.convert("0MB"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'0MB' is not a size above 0");
        assertThatThrownBy(() -> converter.convert("MB"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'MB' is not a size: write it as 512MB, 64KB, 1GB or bytes");
    }

    @Test
    void sizesArePrintedInTheLargestUnitBelowThem() {
        assertThat(ByteSizeConverter.format(75)).isEqualTo("75 B");
        assertThat(ByteSizeConverter.format(384L * 1024 * 1024)).isEqualTo("384.0 MB");
        assertThat(ByteSizeConverter.format(1536)).isEqualTo("1.5 KB");
    }
}
