namespace Actors.Emulator.Protobuf;

/// <summary>Reads protobuf wire format: (field number, wire type, value) triples.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> data)
{
    readonly ReadOnlySpan<byte> data = data;
    int position;

    public bool End => position >= data.Length;

    public ulong Varint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length) throw new FormatException("truncated varint");
            var b = data[position++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new FormatException("varint too long");
    }

    public (int Field, int WireType) Tag()
    {
        var tag = Varint();
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    public ReadOnlySpan<byte> Bytes()
    {
        var length = (int)Varint();
        if (length < 0 || position + length > data.Length) throw new FormatException("truncated field");
        var slice = data.Slice(position, length);
        position += length;
        return slice;
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: Varint(); break;
            case 1: position += 8; break;
            case 2: Bytes(); break;
            case 5: position += 4; break;
            default: throw new FormatException($"unsupported wire type {wireType}");
        }
    }
}
