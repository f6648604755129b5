// Variables: store values, compute new ones, print them.
// Run it with: java Exercise.java 3 4   (width 3, height 4)

public class Exercise {
    public static void main(String[] args) {
        // The width and height come from the command line. Without them, the program uses 3 and 4.
        // (The "condition ? a : b" form is explained in the next module.)
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int height = args.length > 1 ? Integer.parseInt(args[1]) : 4;

        int area = width * height;
        int perimeter = 2 * (width + height);
        boolean square = width == height;

        System.out.println("Area: " + area);
        System.out.println("Perimeter: " + perimeter);
        System.out.println("Square: " + square);
    }
}
