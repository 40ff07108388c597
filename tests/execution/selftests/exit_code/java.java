public class Main {
    public static void main(String[] args) throws Exception {
        System.in.readAllBytes();
        System.out.println("out");
        System.err.println("err");
        System.exit(42);
    }
}
