package dev.weir.core.spec.load;

import java.nio.file.Path;

/** A pipeline or contract is named like its file, so either one finds the other. */
final class FileBaseName {
    private FileBaseName() {}

    /**
     * Reports {@code name} when it is not {@code file}'s name without its extension.
     *
     * @param kind what is named, as a message starts: "Pipeline" or "Contract"
     */
    static void check(Path file, LocatedText name, String kind, FileProblems problems) {
        String fileName = file.getFileName().toString();
        String baseName = fileName.substring(0, fileName.lastIndexOf('.'));
        if (!baseName.equals(name.text())) {
            String extension = fileName.substring(fileName.lastIndexOf('.'));
            problems.add(
                    name.location(),
                    kind + " name '" + name.text() + "' does not match the file name '" + fileName + "'",
                    "rename the file to " + name.text() + extension + ", or set 'name: " + baseName + "'");
        }
    }
}
