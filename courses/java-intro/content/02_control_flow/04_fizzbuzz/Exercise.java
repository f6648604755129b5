// FizzBuzz: loops, conditions and the remainder operator together.
// Run it with: java Exercise.java 15

public class Exercise {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 15;

        // TODO: print the numbers from 1 to n, one per line, except:
        //   multiples of 3 print "Fizz", multiples of 5 print "Buzz",
        //   and multiples of both 3 and 5 print "FizzBuzz".
    }
}
