package dev.convbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * File operations that never leave a half-written or half-deleted state visible under the final name: every file of
 * a results directory is written through them, so a reader (or a process killed at any moment) never sees a mix.
 */
public final class AtomicFiles {

  /** Prefix of temporary files and of directories being deleted; readers ignore names starting with a dot. */
  public static final String HIDDEN_PREFIX = ".";
  /** Prefix of directories being deleted ({@link #moveAsideAndDelete}). */
  public static final String TRASH_PREFIX = ".trash-";

  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code content}: readers see the old file or the new one, never a mix. The
   * temporary file lives in the same directory because an atomic rename cannot cross file systems.
   */
  public static void write(Path target, byte[] content) throws IOException {
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
  public static void moveAsideAndDelete(Path dir, Path parent) throws IOException {
    Path trash = parent.resolve(TRASH_PREFIX + dir.getFileName() + "-" + UUID.randomUUID());
    Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
    deleteRecursively(trash);
  }

  /**
   * Puts the complete directory {@code ready} (written under a hidden name next to {@code target}) in the place of
   * {@code target}: the old one, if any, is moved aside and deleted first, so a reader finds the old directory, none
   * for a moment, or the new one, never a mix.
   */
  public static void replaceDirectory(Path ready, Path target) throws IOException {
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
  public static void deleteLeftovers(Path dir) throws IOException {
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
  public static void deleteTrash(Path parent) throws IOException {
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
  public static void deleteRecursively(Path root) throws IOException {
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

  /**
   * Creates {@code target} with {@code content} unless it exists, atomically: the content is complete before the name
   * appears. False when the name exists. The content goes to a uniquely named temporary file that is then hard-linked
   * to {@code target}: {@code link(2)} fails when the name exists, atomically, on local file systems and on NFS (v2
   * and later) alike. When the reply to a link is lost on NFS, the temporary file's link count tells whether it
   * succeeded. A file system without hard links falls back to an exclusive create.
   */
  public static boolean createExclusively(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(HIDDEN_PREFIX + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(content); // a full disk fails here, before the name exists
      }
      Files.createLink(target, tmp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException e) {
      return createWithoutLinks(target, content);
    } catch (FileSystemException e) {
      // NFS may report a failure although the link was made (the server's reply was lost): the temporary file then
      // has two names. A file system that refuses hard links falls back to an exclusive create.
      Object links = linkCount(tmp);
      if (links instanceof Integer n && n == 2) {
        return true;
      }
      if (Files.exists(target)) {
        return false;
      }
      return createWithoutLinks(target, content);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Object linkCount(Path file) {
    try {
      return Files.getAttribute(file, "unix:nlink");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  /** O_EXCL create: atomic too, but readers may see the file before its content (they judge it by its age). */
  private static boolean createWithoutLinks(Path target, byte[] content) throws IOException {
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      out.write(content);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }
}
