// Arrays: many values of one type under one name.
// Run it with: java Exercise.java 3 1 4 1 5

import java.util.Arrays;

public class Exercise {

    static int sum(int[] numbers) {
        int total = 0;
        for (int number : numbers) {
            total += number;
        }
        return total;
    }

    static int max(int[] numbers) {
        int largest = numbers[0];
        for (int number : numbers) {
            if (number > largest) {
                largest = number;
            }
        }
        return largest;
    }

    static int[] reversed(int[] numbers) {
        int[] result = new int[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            result[i] = numbers[numbers.length - 1 - i];
        }
        return result;
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
