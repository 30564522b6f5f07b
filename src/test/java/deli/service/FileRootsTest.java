package deli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRootsTest {
  @TempDir Path dir;

  @Test
  void aDirectoryUnderARootIsRead() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("root/a/b"));
    FileRoots roots = new FileRoots(List.of(dir.resolve("root").toString()));
    assertEquals(sub.toRealPath(), roots.confine(sub.toString()));
    assertEquals(dir.resolve("root").toRealPath(), roots.confine(dir.resolve("root").toString()));
  }

  @Test
  void withNoRootNothingIsReadAndTheAnswerSaysHowToAllowOne() {
    Forbidden f = assertThrows(Forbidden.class, () -> new FileRoots(List.of()).confine(dir.toString()));
    assertTrue(f.getMessage().contains("--files-root"), f.getMessage());
  }

  @Test
  void dotDotCannotLeaveTheRoot() throws Exception {
    Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(dir.resolve("secret"));
    FileRoots roots = new FileRoots(List.of(dir.resolve("root").toString()));
    assertThrows(Forbidden.class, () -> roots.confine(dir.resolve("root/../secret").toString()));
    assertThrows(Forbidden.class, () -> roots.confine("/etc"));
    // A sibling whose name starts like the root's is not under it.
    Files.createDirectories(dir.resolve("root2"));
    assertThrows(Forbidden.class, () -> roots.confine(dir.resolve("root2").toString()));
  }

  @Test
  void aLinkCannotLeaveTheRoot() throws Exception {
    Files.createDirectories(dir.resolve("root"));
    Path secret = Files.createDirectories(dir.resolve("secret"));
    Files.createSymbolicLink(dir.resolve("root/out"), secret);
    FileRoots roots = new FileRoots(List.of(dir.resolve("root").toString()));
    assertThrows(Forbidden.class, () -> roots.confine(dir.resolve("root/out").toString()));
  }

  @Test
  void theKernelsTreesAreRefusedEvenUnderARoot() {
    FileRoots everything = new FileRoots(List.of("/"));
    assertThrows(Forbidden.class, () -> everything.confine("/proc/self"));
    assertThrows(Forbidden.class, () -> everything.confine("/sys"));
    assertEquals(Path.of("/tmp").toAbsolutePath().normalize().getRoot(), everything.confine("/").getRoot());
  }

  @Test
  void aMissingDirectoryUnderARootIsABadRequestAndOutsideItIsNotToldApart() {
    FileRoots roots = new FileRoots(List.of(dir.toString()));
    BadRequest missing = assertThrows(BadRequest.class, () -> roots.confine(dir.resolve("none").toString()));
    assertEquals("no such directory: " + dir.resolve("none"), missing.getMessage());
    // Outside the roots, whether it exists is not said.
    assertThrows(Forbidden.class, () -> roots.confine("/no/such/dir"));
  }
}
