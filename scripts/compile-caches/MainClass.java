// An annotation processor run inside javac (no extra JVM): it finds the class declaring
// `public static void main(String[])` among the compiled sources and writes its binary name
// (package and nesting included) to `.main-class` in the output directory, where the java
// launcher reads it as an argument file (`java ... @.main-class`). A public top-level class
// wins over others. No such class is a compilation error, named as such.
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.tools.Diagnostic;
import javax.tools.StandardLocation;

@SupportedAnnotationTypes("*")
public final class MainClass extends AbstractProcessor {
    private final List<TypeElement> found = new ArrayList<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (!round.processingOver()) {
            for (Element root : round.getRootElements()) {
                collect(root);
            }
            return false;
        }
        if (found.isEmpty()) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                "no class declares public static void main(String[] args)");
            return false;
        }
        TypeElement chosen = found.get(0);
        for (TypeElement type : found) {
            if (type.getNestingKind().isNested() == false && type.getModifiers().contains(Modifier.PUBLIC)) {
                chosen = type;
                break;
            }
        }
        String name = processingEnv.getElementUtils().getBinaryName(chosen).toString();
        try (Writer out = processingEnv.getFiler()
                .createResource(StandardLocation.CLASS_OUTPUT, "", ".main-class").openWriter()) {
            out.write(name + "\n");
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write .main-class: " + e);
        }
        return false;
    }

    private void collect(Element element) {
        if (!(element instanceof TypeElement)) {
            return;
        }
        TypeElement type = (TypeElement) element;
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() == ElementKind.METHOD && isMain((ExecutableElement) member)) {
                found.add(type);
                break;
            }
        }
        for (Element member : type.getEnclosedElements()) {
            collect(member);
        }
    }

    private static boolean isMain(ExecutableElement method) {
        if (!method.getSimpleName().contentEquals("main")
                || !method.getModifiers().contains(Modifier.PUBLIC)
                || !method.getModifiers().contains(Modifier.STATIC)
                || method.getReturnType().getKind() != TypeKind.VOID
                || method.getParameters().size() != 1) {
            return false;
        }
        if (method.getParameters().get(0).asType().getKind() != TypeKind.ARRAY) {
            return false;
        }
        ArrayType array = (ArrayType) method.getParameters().get(0).asType();
        return array.getComponentType().toString().equals("java.lang.String");
    }
}
