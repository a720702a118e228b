// Parses Java source files with the JDK's compiler API, syntax only (JavacTask.parse()): no
// classpath, no name resolution, no type checking. Prints each syntax error as
// `file:line:column: message` and exits with 1 when there is one.
//
//   java scripts/ParseJava.java FILE...     (a JDK 11 or later; one JVM for all the files)
//
// scripts/check-translations.js runs it over the Java translations of the README snippets.

import com.sun.source.util.JavacTask;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

public class ParseJava {
  public static void main(String[] args) throws Exception {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      System.err.println("ParseJava: this Java runtime has no compiler: run it with a JDK");
      System.exit(2);
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromStrings(Arrays.asList(args));
      JavacTask task = (JavacTask) compiler.getTask(null, files, diagnostics, List.of("-proc:none"), null, units);
      task.parse();
    }
    int errors = 0;
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      if (diagnostic.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      errors++;
      String file = diagnostic.getSource() == null ? "?" : diagnostic.getSource().getName();
      System.out.printf("%s:%d:%d: %s%n", file, diagnostic.getLineNumber(), diagnostic.getColumnNumber(),
          diagnostic.getMessage(Locale.ROOT).replace('\n', ' '));
    }
    System.exit(errors == 0 ? 0 : 1);
  }
}
