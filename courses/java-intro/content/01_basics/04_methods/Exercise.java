// Methods: name a piece of work, give it inputs, get a result back.
// Run it with: java Exercise.java   or   java Exercise.java square 5

public class Exercise {

    // TODO: return n multiplied by itself. square(5) is 25.
    static int square(int n) {
        return 0;
    }

    // TODO: return the average of a and b as a double. average(2, 3) is 2.5, not 2.
    static double average(int a, int b) {
        return 0;
    }

    // TODO: return a greeting for the name. greet("Ada") is "Hello, Ada!".
    static String greet(String name) {
        return "";
    }

    // TODO: return true when n is even, false when it is odd. isEven(10) is true.
    static boolean isEven(int n) {
        return false;
    }

    // main is ready: it calls your methods. Try: java Exercise.java square 5
    public static void main(String[] args) {
        if (args.length == 0) {
            System.out.println("square(5) = " + square(5));
            System.out.println("average(2, 3) = " + average(2, 3));
            System.out.println("greet(\"Ada\") = " + greet("Ada"));
            System.out.println("isEven(10) = " + isEven(10));
            return;
        }
        switch (args[0]) {
            case "square" -> System.out.println(square(Integer.parseInt(args[1])));
            case "average" -> System.out.println(average(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
            case "greet" -> System.out.println(greet(args[1]));
            case "isEven" -> System.out.println(isEven(Integer.parseInt(args[1])));
            default -> System.out.println("unknown method: " + args[0]);
        }
    }
}
