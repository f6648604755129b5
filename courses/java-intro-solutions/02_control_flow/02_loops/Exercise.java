// Loops: repeat work without repeating code.
// Run it with: java Exercise.java 5

public class Exercise {

    static void countdown(int n) {
        for (int i = n; i >= 1; i--) {
            System.out.println(i);
        }
        System.out.println("Liftoff!");
    }

    static int sumTo(int n) {
        int total = 0;
        int i = 1;
        while (i <= n) {
            total += i;
            i++;
        }
        return total;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        countdown(n);
        System.out.println("Sum of 1 to " + n + " = " + sumTo(n));
    }
}
