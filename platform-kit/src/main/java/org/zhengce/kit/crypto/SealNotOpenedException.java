package org.zhengce.kit.crypto;

/**
 * Sealed bytes that do not open: tampered with, sealed for other associated data, under another key, or under a key
 * no longer configured. The message names the key id, never the bytes.
 */
public class SealNotOpenedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public SealNotOpenedException(String message) {
        super(message);
    }

    public SealNotOpenedException(String message, Throwable cause) {
        super(message, cause);
    }
}
