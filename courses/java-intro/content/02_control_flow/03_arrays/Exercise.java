// Arrays: many values of one type under one name.
// Run it with: java Exercise.java 3 1 4 1 5

import java.util.Arrays;

public class Exercise {

    // TODO: return the sum of all the numbers.
    static int sum(int[] numbers) {
        return 0;
    }

    // TODO: return the largest number. The array has at least one number; they may all be negative.
    static int max(int[] numbers) {
        return 0;
    }

    // TODO: return a NEW array with the same numbers in reverse order; leave the original unchanged.
    static int[] reversed(int[] numbers) {
        return new int[0];
    }

    // main is ready: it turns the command-line arguments into an int array and calls your methods.
    public static void main(String[] args) {
        String[] words = args.length > 0 ? args : new String[] {"3", "1", "4", "1", "5"};
        int[] numbers = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            numbers[i] = Integer.parseInt(words[i]);
        }
        System.out.println("Numbers: " + Arrays.toString(numbers));
        System.out.println("Sum: " + sum(numbers));
        System.out.println("Max: " + max(numbers));
        System.out.println("Reversed: " + Arrays.toString(reversed(numbers)));
    }
}
