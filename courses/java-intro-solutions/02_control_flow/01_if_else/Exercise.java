// if / else: let the program choose what to do.
// Run it with: java Exercise.java 95 83 71   (one grade per score)

public class Exercise {

    static String grade(int score) {
        if (score < 0 || score > 100) {
            return "Invalid";
        } else if (score >= 90) {
            return "A";
        } else if (score >= 80) {
            return "B";
        } else if (score >= 70) {
            return "C";
        } else if (score >= 60) {
            return "D";
        } else {
            return "F";
        }
    }

    // main is ready: it prints the grade for every score on the command line.
    public static void main(String[] args) {
        String[] scores = args.length > 0 ? args : new String[] {"95", "83", "71", "64", "30", "120"};
        for (String score : scores) {
            System.out.println(score + ": " + grade(Integer.parseInt(score)));
        }
    }
}
