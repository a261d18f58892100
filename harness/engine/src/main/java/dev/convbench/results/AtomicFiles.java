package dev.convbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** File operations that never leave a half-written or half-deleted state visible under the final name. */
final class AtomicFiles {

  /** Prefix of temporary files and of directories being deleted; readers ignore names starting with a dot. */
  static final String HIDDEN_PREFIX = ".";
  static final String TRASH_PREFIX = ".trash-";

  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code content}: readers see the old file or the new one, never a mix. The
   * temporary file lives in the same directory because an atomic rename cannot cross file systems.
   */
  static void write(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = dir.resolve(HIDDEN_PREFIX + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(content);
      }
      // ATOMIC_MOVE replaces an existing target on POSIX (rename(2)) and Windows (MoveFileEx with REPLACE_EXISTING).
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      // A plain IOException ("No space left on device") does not say which file: say it.
      throw e instanceof java.nio.file.FileSystemException ? e
          : new IOException("cannot write " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /**
   * Removes {@code dir}: first renames it to a hidden name in {@code parent} (atomic, so the old content is gone from
   * its name at once), then deletes it. If the deletion is interrupted, only a hidden directory remains, which
   * {@link #deleteTrash} removes later.
   */
  static void moveAsideAndDelete(Path dir, Path parent) throws IOException {
    Path trash = parent.resolve(TRASH_PREFIX + dir.getFileName() + "-" + UUID.randomUUID());
    Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
    deleteRecursively(trash);
  }

  /**
   * Puts the complete directory {@code ready} (written under a hidden name next to {@code target}) in the place of
   * {@code target}: the old one, if any, is moved aside and deleted first, so a reader finds the old directory, none
   * for a moment, or the new one, never a mix.
   */
  static void replaceDirectory(Path ready, Path target) throws IOException {
    if (Files.exists(target)) {
      moveAsideAndDelete(target, target.toAbsolutePath().getParent());
    }
    Files.move(ready, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Deletes what a process killed while writing in {@code dir} left there: hidden temporary files and directories
   * ({@code .….tmp}: a checkpoint, a model, a file being replaced) and trash. Only for a directory this process
   * alone writes (a run's, under its claim).
   */
  static void deleteLeftovers(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.filter(p -> {
        String name = p.getFileName().toString();
        return name.startsWith(TRASH_PREFIX) || (name.startsWith(HIDDEN_PREFIX) && name.endsWith(".tmp"));
      }).toList()) {
        deleteRecursively(p);
      }
    }
  }

  /** Deletes directories left behind by an interrupted {@link #moveAsideAndDelete}. */
  static void deleteTrash(Path parent) throws IOException {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (Stream<Path> entries = Files.list(parent)) {
      for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(TRASH_PREFIX)).toList()) {
        deleteRecursively(p);
      }
    }
  }

  /**
   * Deletes {@code root} and everything below it. Another process may be deleting the same trash at the same time
   * (every process that joins a results directory clears the trash it finds): what it removed first is simply gone,
   * and a directory it has yet to empty is left for the next clean-up, hidden from readers.
   */
  static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (NoSuchFileException | DirectoryNotEmptyException concurrentlyDeleted) {
      // see above
    } catch (UncheckedIOException e) {
      if (!(e.getCause() instanceof NoSuchFileException)) {
        throw e;
      }
    }
  }
}
