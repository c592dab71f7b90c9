using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Actors.Kafka.Protocol;

/// <summary>Writes Kafka's primitive types, big-endian, into a growing buffer.</summary>
public sealed class KafkaWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public int Length => _buffer.WrittenCount;
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void WriteInt8(sbyte value) => Next(1)[0] = (byte)value;
    public void WriteBool(bool value) => Next(1)[0] = value ? (byte)1 : (byte)0;
    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16BigEndian(Next(2), value);
    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Next(2), value);
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Next(4), value);
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Next(8), value);

    public void WriteUuid(KafkaUuid value)
    {
        WriteInt64(value.MostSignificantBits);
        WriteInt64(value.LeastSignificantBits);
    }

    public void WriteUnsignedVarint(uint value)
    {
        while (value >= 0x80)
        {
            Next(1)[0] = (byte)(value | 0x80);
            value >>= 7;
        }
        Next(1)[0] = (byte)value;
    }

    /// <summary>Zig-zag, so small negative numbers stay short.</summary>
    public void WriteVarint(int value) => WriteUnsignedVarint((uint)((value << 1) ^ (value >> 31)));

    public void WriteCompactString(string value) => WriteCompactNullableString(value);

    public void WriteCompactNullableString(string? value)
    {
        if (value is null)
        {
            WriteUnsignedVarint(0);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteUnsignedVarint((uint)bytes.Length + 1);
        bytes.CopyTo(Next(bytes.Length));
    }

    /// <summary>The pre-flexible string with an int16 length, -1 meaning null (the request header's client id).</summary>
    public void WriteNullableString(string? value)
    {
        if (value is null)
        {
            WriteInt16(-1);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteInt16(checked((short)bytes.Length));
        bytes.CopyTo(Next(bytes.Length));
    }

    public void WriteCompactArray<T>(IReadOnlyCollection<T> items, Action<KafkaWriter, T> writeElement)
    {
        WriteUnsignedVarint((uint)items.Count + 1);
        foreach (var item in items)
            writeElement(this, item);
    }

    /// <summary>The pre-flexible array with an int32 count.</summary>
    public void WriteArray<T>(IReadOnlyCollection<T> items, Action<KafkaWriter, T> writeElement)
    {
        WriteInt32(items.Count);
        foreach (var item in items)
            writeElement(this, item);
    }

    /// <summary>A string in either encoding: compact in flexible versions, int16-prefixed before.</summary>
    public void WriteString(string value, bool compact) => WriteNullableString(value, compact);

    public void WriteNullableString(string? value, bool compact)
    {
        if (compact)
            WriteCompactNullableString(value);
        else
            WriteNullableString(value);
    }

    /// <summary>An array in either encoding: compact (varint count + 1) in flexible versions, int32 count before.</summary>
    public void WriteArray<T>(IReadOnlyCollection<T> items, Action<KafkaWriter, T> writeElement, bool compact)
    {
        if (compact)
            WriteCompactArray(items, writeElement);
        else
            WriteArray(items, writeElement);
    }

    /// <summary>An array that may be null: a zero compact count, or an int32 count of -1.</summary>
    public void WriteNullableArray<T>(IReadOnlyCollection<T>? items, Action<KafkaWriter, T> writeElement, bool compact)
    {
        if (items is not null)
            WriteArray(items, writeElement, compact);
        else if (compact)
            WriteUnsignedVarint(0);
        else
            WriteInt32(-1);
    }

    public void WriteEmptyTaggedFields() => WriteUnsignedVarint(0);

    /// <summary>A tagged-field section; <paramref name="fields"/> must be in ascending tag order.</summary>
    public void WriteTaggedFields(IReadOnlyList<(int Tag, Action<KafkaWriter> Write)> fields)
    {
        WriteUnsignedVarint((uint)fields.Count);
        foreach (var (tag, write) in fields)
        {
            var field = new KafkaWriter();
            write(field);
            WriteUnsignedVarint((uint)tag);
            WriteUnsignedVarint((uint)field.Length);
            field.WrittenSpan.CopyTo(Next(field.Length));
        }
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Next(bytes.Length));

    private Span<byte> Next(int count)
    {
        var span = _buffer.GetSpan(count)[..count];
        _buffer.Advance(count);
        return span;
    }
}
