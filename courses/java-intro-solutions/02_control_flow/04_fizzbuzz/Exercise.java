// FizzBuzz: loops, conditions and the remainder operator together.
// Run it with: java Exercise.java 15

public class Exercise {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 15;

        for (int i = 1; i <= n; i++) {
            if (i % 15 == 0) {
                System.out.println("FizzBuzz");
            } else if (i % 3 == 0) {
                System.out.println("Fizz");
            } else if (i % 5 == 0) {
                System.out.println("Buzz");
            } else {
                System.out.println(i);
            }
        }
    }
}
