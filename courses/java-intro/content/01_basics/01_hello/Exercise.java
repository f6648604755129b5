// Your first Java program.
// Run it with: java Exercise.java

public class Exercise {
    public static void main(String[] args) {
        // TODO: print exactly this line: Hello, World!
    }
}
