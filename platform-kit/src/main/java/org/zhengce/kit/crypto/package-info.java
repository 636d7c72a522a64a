/**
 * Keyed hashing and sealing with key ids, under one pluggable suite: {@link org.zhengce.kit.crypto.CryptoSuite#STANDARD}
 * (HMAC-SHA256, AES-256-GCM) or {@link org.zhengce.kit.crypto.CryptoSuite#SM} (HMAC-SM3, SM4-GCM, for a Chinese
 * deployment's commercial-cryptography assessment, 密评). A new active key hashes and seals new data; older keys still
 * verify and open what they made (ADR 0011).
 */
@NullMarked
package org.zhengce.kit.crypto;

import org.jspecify.annotations.NullMarked;
