// if / else: let the program choose what to do.
// Run it with: java Exercise.java 95 83 71   (one grade per score)

public class Exercise {

    // TODO: return the letter grade for a score from 0 to 100:
    //   90 to 100 -> "A", 80 to 89 -> "B", 70 to 79 -> "C", 60 to 69 -> "D", 0 to 59 -> "F".
    //   Any score below 0 or above 100 -> "Invalid".
    static String grade(int score) {
        return "?";
    }

    // main is ready: it prints the grade for every score on the command line.
    public static void main(String[] args) {
        String[] scores = args.length > 0 ? args : new String[] {"95", "83", "71", "64", "30", "120"};
        for (String score : scores) {
            System.out.println(score + ": " + grade(Integer.parseInt(score)));
        }
    }
}
