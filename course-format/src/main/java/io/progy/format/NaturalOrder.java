package io.progy.format;

import java.util.Comparator;

/**
 * Orders names the way people number things: runs of digits compare as numbers, so {@code 2_loops} comes before
 * {@code 10_arrays}; everything else compares character by character. Ties (such as {@code 01} and {@code 1}) are
 * broken by plain string order, so the order is total.
 */
public final class NaturalOrder implements Comparator<String> {

    /** The one instance. */
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {}

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            var ca = a.charAt(i);
            var cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                var endA = digitsEnd(a, i);
                var endB = digitsEnd(b, j);
                var byNumber = compareNumbers(a.substring(i, endA), b.substring(j, endB));
                if (byNumber != 0) {
                    return byNumber;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        var byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        var end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int compareNumbers(String a, String b) {
        var x = stripZeros(a);
        var y = stripZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static String stripZeros(String digits) {
        var k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }
}
