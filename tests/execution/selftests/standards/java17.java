// Prints OK only if Java 17's language features work: records, sealed interfaces, switch
// expressions, pattern matching for instanceof, text blocks, var, streams.
import java.util.List;
import java.util.stream.Collectors;

public class Main {
    sealed interface Shape permits Square, Circle {}

    record Square(int side) implements Shape {}

    record Circle(int radius) implements Shape {}

    static int area(Shape shape) {
        if (shape instanceof Square square) {
            return square.side() * square.side();
        }
        return 3 * ((Circle) shape).radius() * ((Circle) shape).radius();
    }

    public static void main(String[] args) {
        var shapes = List.of(new Square(2), new Circle(1), new Square(3));
        int total = shapes.stream().mapToInt(Main::area).sum();
        String text = """
                one
                two""";
        String kind = switch (shapes.size()) {
            case 3 -> "three";
            default -> "other";
        };
        String joined = shapes.stream().map(s -> s.getClass().getSimpleName())
                .collect(Collectors.joining(","));
        boolean fine = total == 16 && text.equals("one\ntwo") && kind.equals("three")
                && joined.equals("Square,Circle,Square") && new Square(2).equals(new Square(2));
        if (!fine) {
            System.exit(1);
        }
        System.out.println("OK");
    }
}
