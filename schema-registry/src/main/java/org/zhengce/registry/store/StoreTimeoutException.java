package org.zhengce.registry.store;

/** A write was not acknowledged, or not read back, within the store's timeout. */
public class StoreTimeoutException extends StoreException {

    public StoreTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreTimeoutException(String message) {
        super(message);
    }
}
