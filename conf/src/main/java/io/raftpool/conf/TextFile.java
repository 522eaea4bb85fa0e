package io.raftpool.conf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a configuration file as UTF-8 text, or says in words why it cannot. */
public final class TextFile {
    private TextFile() {
    }

    /**
     * The outcome of reading a file.
     *
     * @param text   the content, or null when it could not be read
     * @param whyNot why it could not be read ("no such file", "it is not valid UTF-8", ...), or null
     */
    public record Read(String text, String whyNot) {
        public boolean ok() {
            return text != null;
        }
    }

    public static Read read(Path file) {
        try {
            return new Read(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString(), null);
        } catch (CharacterCodingException e) {
            return new Read(null, "it is not valid UTF-8");
        } catch (NoSuchFileException e) {
            return new Read(null, "no such file");
        } catch (IOException e) {
            return new Read(null, e.toString());
        }
    }
}
