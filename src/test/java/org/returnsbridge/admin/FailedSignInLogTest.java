package org.returnsbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a user name someone typed (or forged) appears in the log. */
class FailedSignInLogTest {

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "ops                      | ops",
            "Åsa Ödman                | Åsa Ödman",
            "a b                      | a b",
            "root\\nFAKE LOG LINE      | root\\u000aFAKE LOG LINE",
            "x\\ry                     | x\\u000dy",
            "tab\\tbed                 | tab\\u0009bed",
            "it's                     | it\\u0027s",
            "say \"hi\"                | say \\u0022hi\\u0022",
            "back\\\\slash             | back\\u005cslash",
            "esc\\u001b[31mred        | esc\\u001b[31mred",
            "rtl\\u202eevil           | rtl\\u202eevil",
            "nul\\u0000               | nul\\u0000",
    })
    void controlCharactersQuotesAndBackslashesAreEscaped(String typed, String logged) {
        assertThat(FailedSignInLog.printable(unescape(typed))).isEqualTo(logged);
    }

    @ParameterizedTest(name = "{0} characters")
    @CsvSource({"64, false", "65, true", "1000, true"})
    void longNamesAreCutAt64Characters(int length, boolean cut) {
        String printed = FailedSignInLog.printable("é".repeat(length));

        assertThat(printed).startsWith("é".repeat(Math.min(length, 64)));
        if (cut) {
            assertThat(printed).isEqualTo("é".repeat(64) + "…(" + length + " characters)");
        } else {
            assertThat(printed).isEqualTo("é".repeat(64));
        }
    }

    /** The test table writes \n, \r, \t, \\ and \\uXXXX as escapes; the user name has the real characters. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }
}
