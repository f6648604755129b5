// Loops: repeat work without repeating code.
// Run it with: java Exercise.java 5

public class Exercise {

    // TODO: with a for loop, print n, n - 1, ... down to 1, one number per line,
    //   then print "Liftoff!". When n is 0, print only "Liftoff!".
    static void countdown(int n) {
    }

    // TODO: with a while loop, add up 1 + 2 + ... + n and return the total. sumTo(0) is 0.
    static int sumTo(int n) {
        int total = 0;
        return total;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        countdown(n);
        System.out.println("Sum of 1 to " + n + " = " + sumTo(n));
    }
}
