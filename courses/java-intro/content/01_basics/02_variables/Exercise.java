// Variables: store values, compute new ones, print them.
// Run it with: java Exercise.java 3 4   (width 3, height 4)

public class Exercise {
    public static void main(String[] args) {
        // The width and height come from the command line. Without them, the program uses 3 and 4.
        // (The "condition ? a : b" form is explained in the next module.)
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int height = args.length > 1 ? Integer.parseInt(args[1]) : 4;

        // TODO: compute the area (width times height).
        int area = 0;
        // TODO: compute the perimeter (the length all around the rectangle).
        int perimeter = 0;
        // TODO: a rectangle is a square when its width equals its height.
        boolean square = false;

        System.out.println("Area: " + area);
        System.out.println("Perimeter: " + perimeter);
        System.out.println("Square: " + square);
    }
}
