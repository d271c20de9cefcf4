/// bcrypt's own base-64: alphabet `./A-Za-z0-9`, no padding. Not RFC 4648 Base64.
enum Radix64 {
    static let alphabet: [UInt8] = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// Index of each ASCII byte in the alphabet, 0xFF when not in it.
    static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    /// Encodes bytes, 3 bytes to 4 characters, a short final group to 2 or 3 characters.
    static func encode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var iterator = bytes.makeIterator()
        while let b0 = iterator.next() {
            output.append(alphabet[Int(b0 >> 2)])
            guard let b1 = iterator.next() else {
                output.append(alphabet[Int((b0 & 0x03) << 4)])
                break
            }
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            guard let b2 = iterator.next() else {
                output.append(alphabet[Int((b1 & 0x0F) << 2)])
                break
            }
            output.append(alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)])
            output.append(alphabet[Int(b2 & 0x3F)])
        }
        return output
    }

    /// Decodes `characters` into exactly `byteCount` bytes; nil on a character outside the alphabet
    /// or a length that does not match. Unused low bits of the last character are ignored, as in crypt_blowfish.
    static func decode(_ characters: some Collection<UInt8>, byteCount: Int) -> [UInt8]? {
        guard characters.count == (byteCount * 4 + 2) / 3 else { return nil }
        var sextets: [UInt8] = []
        sextets.reserveCapacity(characters.count + 3)
        for character in characters {
            let value = decodeTable[Int(character)]
            guard value != 0xFF else { return nil }
            sextets.append(value)
        }
        while sextets.count % 4 != 0 { sextets.append(0) }
        var output: [UInt8] = []
        output.reserveCapacity(byteCount + 2)
        var index = 0
        while index < sextets.count {
            let c0 = sextets[index], c1 = sextets[index + 1], c2 = sextets[index + 2], c3 = sextets[index + 3]
            output.append(c0 << 2 | c1 >> 4)
            output.append((c1 & 0x0F) << 4 | c2 >> 2)
            output.append((c2 & 0x03) << 6 | c3)
            index += 4
        }
        return Array(output.prefix(byteCount))
    }
}
