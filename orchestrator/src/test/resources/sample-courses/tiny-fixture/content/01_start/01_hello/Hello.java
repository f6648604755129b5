class Hello {
    public static void main(String[] args) {
        // TODO: print hello
    }
}
