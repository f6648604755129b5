// Strings: text and the methods that work on it.
// Run it with: java Exercise.java Java

public class Exercise {
    public static void main(String[] args) {
        // The text comes from the command line; without it, the program uses "Java".
        String text = args.length > 0 ? args[0] : "Java";

        // TODO: replace each "?" with a call to the right String method.
        String upper = "?";
        String lower = "?";
        int length = 0;
        char first = '?';
        char last = '?';
        String reversed = "?";

        System.out.println("Upper: " + upper);
        System.out.println("Lower: " + lower);
        System.out.println("Length: " + length);
        System.out.println("First: " + first);
        System.out.println("Last: " + last);
        System.out.println("Reversed: " + reversed);
    }
}
