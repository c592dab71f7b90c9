using System.Buffers.Binary;
using System.Text;

namespace Actors.Kafka.Protocol;

/// <summary>
/// Reads Kafka's primitive types from a buffer. Every length read from the wire is checked
/// against the bytes that remain before anything is allocated, and collections grow only as
/// elements are actually read, so a hostile length can neither over-read nor allocate more
/// than the input's own size. Every failure is a <see cref="KafkaDecodeException"/> naming
/// the field and its offset.
/// </summary>
public sealed class KafkaReader(ReadOnlyMemory<byte> buffer)
{
    /// <summary>Kafka refuses strings longer than an int16 can count, compact or not.</summary>
    private const int MaxStringBytes = short.MaxValue;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private int _position;

    public int Position => _position;
    public int Remaining => buffer.Length - _position;

    public sbyte ReadInt8(string field) => (sbyte)Take(1, field)[0];

    public bool ReadBool(string field) => Take(1, field)[0] switch
    {
        0 => false,
        1 => true,
        var other => throw Fail(field, $"a bool must be 0 or 1, found {other}", _position - 1),
    };

    public short ReadInt16(string field) => BinaryPrimitives.ReadInt16BigEndian(Take(2, field));
    public ushort ReadUInt16(string field) => BinaryPrimitives.ReadUInt16BigEndian(Take(2, field));
    public int ReadInt32(string field) => BinaryPrimitives.ReadInt32BigEndian(Take(4, field));
    public long ReadInt64(string field) => BinaryPrimitives.ReadInt64BigEndian(Take(8, field));

    public KafkaUuid ReadUuid(string field)
    {
        var bytes = Take(16, field);
        return new KafkaUuid(BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));
    }

    /// <summary>An unsigned varint of at most 5 bytes whose value fits 32 bits.</summary>
    public uint ReadUnsignedVarint(string field)
    {
        var start = _position;
        uint value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = Take(1, field)[0];
            // The fifth byte may hold only the top 4 bits and must end the varint.
            if (shift == 28 && b > 0x0F)
                throw Fail(field, "unsigned varint is longer than 5 bytes or exceeds 32 bits", start);
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
    }

    /// <summary>A zig-zag encoded signed varint.</summary>
    public int ReadVarint(string field)
    {
        var raw = ReadUnsignedVarint(field);
        return (int)(raw >> 1) ^ -(int)(raw & 1);
    }

    public string ReadCompactString(string field) =>
        ReadCompactNullableString(field) ?? throw Fail(field, "null where a string is required", _position - 1);

    public string? ReadCompactNullableString(string field)
    {
        var start = _position;
        var lengthPlusOne = ReadUnsignedVarint(field);
        return lengthPlusOne == 0 ? null : DecodeString(field, lengthPlusOne - 1, start);
    }

    /// <summary>The pre-flexible string with an int16 length, -1 meaning null (the request header's client id).</summary>
    public string? ReadNullableString(string field)
    {
        var start = _position;
        var length = ReadInt16(field);
        if (length == -1)
            return null;
        if (length < 0)
            throw Fail(field, $"string length {length} is negative", start);
        return DecodeString(field, (uint)length, start);
    }

    /// <summary>A string in either encoding: compact in flexible versions, int16-prefixed before.</summary>
    public string ReadString(string field, bool compact) =>
        ReadNullableString(field, compact) ?? throw Fail(field, "null where a string is required", _position);

    public string? ReadNullableString(string field, bool compact) =>
        compact ? ReadCompactNullableString(field) : ReadNullableString(field);

    /// <summary>An array in either encoding: compact (varint count + 1) in flexible versions, int32 count before.</summary>
    public List<T> ReadArray<T>(string field, Func<KafkaReader, T> readElement, bool compact) =>
        compact ? ReadCompactArray(field, readElement) : ReadArray(field, readElement);

    /// <summary>An array that may be null: a zero compact count, or an int32 count of -1.</summary>
    public List<T>? ReadNullableArray<T>(string field, Func<KafkaReader, T> readElement, bool compact)
    {
        var start = _position;
        if (compact)
        {
            var countPlusOne = ReadUnsignedVarint(field);
            return countPlusOne == 0 ? null : ReadElements(field, countPlusOne - 1, readElement, start);
        }
        var count = ReadInt32(field);
        if (count == -1)
            return null;
        if (count < 0)
            throw Fail(field, $"array count {count} is negative", start);
        return ReadElements(field, (uint)count, readElement, start);
    }

    public List<T> ReadCompactArray<T>(string field, Func<KafkaReader, T> readElement)
    {
        var start = _position;
        var countPlusOne = ReadUnsignedVarint(field);
        if (countPlusOne == 0)
            throw Fail(field, "null where an array is required", start);
        return ReadElements(field, countPlusOne - 1, readElement, start);
    }

    /// <summary>The pre-flexible array with an int32 count.</summary>
    public List<T> ReadArray<T>(string field, Func<KafkaReader, T> readElement)
    {
        var start = _position;
        var count = ReadInt32(field);
        if (count < 0)
            throw Fail(field, $"array count {count} is negative", start);
        return ReadElements(field, (uint)count, readElement, start);
    }

    /// <summary>
    /// Reads a tagged-field section. <paramref name="readField"/> returns false for a tag it does
    /// not know (skipped, as the protocol requires); a known field must use exactly its size.
    /// </summary>
    public void ReadTaggedFields(string section, Func<int, KafkaReader, bool> readField)
    {
        var start = _position;
        var count = ReadUnsignedVarint(section);
        if (count > Remaining)
            throw Fail(section, $"claims {count} tagged fields but only {Remaining} bytes remain", start);
        long previousTag = -1;
        for (var i = 0; i < count; i++)
        {
            var tagAt = _position;
            var tag = ReadUnsignedVarint(section + " tag");
            if (tag <= previousTag)
                throw Fail(section, $"tag {tag} does not follow tag {previousTag} in ascending order", tagAt);
            previousTag = tag;
            var fieldName = $"{section} tag {tag}";
            var size = ReadUnsignedVarint(fieldName + " size");
            var body = Take(CheckedLength(fieldName, size, tagAt), fieldName);
            var fieldReader = new KafkaReader(buffer.Slice(_position - body.Length, body.Length));
            if (tag <= int.MaxValue && readField((int)tag, fieldReader) && fieldReader.Remaining != 0)
                throw Fail(fieldName, $"{fieldReader.Remaining} bytes left over inside the field", tagAt);
        }
    }

    /// <summary>Skips a tagged-field section whose tags this version does not define.</summary>
    public void SkipTaggedFields(string section) => ReadTaggedFields(section, static (_, _) => false);

    /// <summary>Fails unless every byte was consumed: trailing bytes mean a misread layout.</summary>
    public void ExpectEnd(string message)
    {
        if (Remaining != 0)
            throw Fail(message, $"{Remaining} unexpected bytes after the end", _position);
    }

    private List<T> ReadElements<T>(string field, uint count, Func<KafkaReader, T> readElement, int start)
    {
        // Each element takes at least one byte, so a count beyond the remaining bytes is a lie.
        if (count > Remaining)
            throw Fail(field, $"claims {count} elements but only {Remaining} bytes remain", start);
        var elements = new List<T>();
        for (var i = 0; i < count; i++)
            elements.Add(readElement(this));
        return elements;
    }

    private string DecodeString(string field, uint length, int start)
    {
        if (length > MaxStringBytes)
            throw Fail(field, $"string length {length} exceeds {MaxStringBytes}", start);
        var bytes = Take(CheckedLength(field, length, start), field);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Fail(field, "string is not valid UTF-8", start);
        }
    }

    private int CheckedLength(string field, uint length, int start) =>
        length <= Remaining ? (int)length
            : throw Fail(field, $"claims {length} bytes but only {Remaining} remain", start);

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count > Remaining)
            throw Fail(field, $"truncated: needs {count} bytes, {Remaining} remain", _position);
        var span = buffer.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    private static KafkaDecodeException Fail(string field, string problem, int offset) =>
        new($"{field} at offset {offset}: {problem}");
}
