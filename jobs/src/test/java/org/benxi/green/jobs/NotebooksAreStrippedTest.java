package org.benxi.green.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.benxi.green.jobs.publish.Json;
import org.junit.jupiter.api.Test;

/** The committed notebooks carry no outputs and run on the project's kernel. */
class NotebooksAreStrippedTest {
  @Test
  void committedNotebooksHaveNoOutputsAndUseTheGreenKernel() throws IOException {
    Path notebooks = Path.of(System.getProperty("user.dir")).getParent().resolve("notebooks");
    List<Path> files;
    try (Stream<Path> s = Files.list(notebooks)) {
      files = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertEquals(3, files.size(), files.toString());
    for (Path file : files) {
      @SuppressWarnings("unchecked")
      Map<String, Object> notebook = (Map<String, Object>) Json.read(Files.readString(file));
      @SuppressWarnings("unchecked")
      Map<String, Object> kernel =
          (Map<String, Object>) ((Map<String, Object>) notebook.get("metadata")).get("kernelspec");
      assertEquals("green-java", kernel.get("name"), file.toString());
      for (Object o : (List<?>) notebook.get("cells")) {
        Map<?, ?> cell = (Map<?, ?>) o;
        if (cell.get("cell_type").equals("code")) {
          assertEquals(List.of(), cell.get("outputs"), file + ": outputs stripped");
          assertTrue(cell.get("execution_count") == null, file + ": no execution count");
        }
      }
    }
  }
}
