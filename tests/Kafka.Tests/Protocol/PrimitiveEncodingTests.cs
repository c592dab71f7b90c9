using Actors.Kafka.Protocol;
using static Actors.Kafka.Tests.WireBytes;

namespace Actors.Kafka.Tests.Protocol;

// Primitive types as Kafka's protocol guide defines them (big-endian ints, LEB128 unsigned
// varints, zig-zag varints, compact strings with length+1, tagged fields as tag/size/bytes).
public class PrimitiveEncodingTests
{
    [Theory]
    [InlineData(0u, "00")]
    [InlineData(1u, "01")]
    [InlineData(127u, "7F")]
    [InlineData(128u, "8001")]
    [InlineData(300u, "AC02")]
    [InlineData(16384u, "808001")]
    [InlineData(uint.MaxValue, "FFFFFFFF0F")]
    public void Unsigned_varints_are_little_endian_groups_of_seven_bits(uint value, string hex)
    {
        var writer = new KafkaWriter();
        writer.WriteUnsignedVarint(value);
        Assert.Equal(Hex(hex), writer.ToArray());
        Assert.Equal(value, new KafkaReader(Hex(hex)).ReadUnsignedVarint("v"));
    }

    [Theory]
    [InlineData(0, "00")]
    [InlineData(-1, "01")]
    [InlineData(1, "02")]
    [InlineData(-64, "7F")]
    [InlineData(64, "8001")]
    [InlineData(int.MinValue, "FFFFFFFF0F")]
    public void Signed_varints_are_zig_zag_encoded(int value, string hex)
    {
        var writer = new KafkaWriter();
        writer.WriteVarint(value);
        Assert.Equal(Hex(hex), writer.ToArray());
        Assert.Equal(value, new KafkaReader(Hex(hex)).ReadVarint("v"));
    }

    [Fact]
    public void Fixed_width_integers_are_big_endian()
    {
        var writer = new KafkaWriter();
        writer.WriteInt8(-2);
        writer.WriteInt16(0x0102);
        writer.WriteUInt16(9093);
        writer.WriteInt32(-1);
        writer.WriteInt64(0x0102030405060708);
        Assert.Equal(Hex("FE", "0102", "2385", "FFFFFFFF", "0102030405060708"), writer.ToArray());

        var reader = new KafkaReader(writer.ToArray());
        Assert.Equal(-2, reader.ReadInt8("a"));
        Assert.Equal(0x0102, reader.ReadInt16("b"));
        Assert.Equal(9093, reader.ReadUInt16("c"));
        Assert.Equal(-1, reader.ReadInt32("d"));
        Assert.Equal(0x0102030405060708, reader.ReadInt64("e"));
    }

    [Fact]
    public void Compact_strings_carry_length_plus_one_and_zero_means_null()
    {
        var writer = new KafkaWriter();
        writer.WriteCompactString("ab");
        writer.WriteCompactNullableString(null);
        writer.WriteCompactString("");
        Assert.Equal(Hex("03", Text("ab"), "00", "01"), writer.ToArray());

        var reader = new KafkaReader(writer.ToArray());
        Assert.Equal("ab", reader.ReadCompactString("s"));
        Assert.Null(reader.ReadCompactNullableString("n"));
        Assert.Equal("", reader.ReadCompactString("e"));
    }

    [Fact]
    public void Classic_nullable_strings_have_an_int16_length_and_minus_one_for_null()
    {
        var writer = new KafkaWriter();
        writer.WriteNullableString("op");
        writer.WriteNullableString(null);
        Assert.Equal(Hex("0002", Text("op"), "FFFF"), writer.ToArray());
    }

    [Fact]
    public void A_uuid_is_its_most_significant_half_first()
    {
        var writer = new KafkaWriter();
        writer.WriteUuid(new KafkaUuid(0x0011223344556677, unchecked((long)0x8899AABBCCDDEEFF)));
        Assert.Equal(Hex("0011223344556677", "8899AABBCCDDEEFF"), writer.ToArray());
        Assert.Equal(new KafkaUuid(0x0011223344556677, unchecked((long)0x8899AABBCCDDEEFF)),
            new KafkaReader(writer.ToArray()).ReadUuid("u"));
    }

    [Fact]
    public void Tagged_fields_are_count_then_tag_size_and_bytes_and_unknown_tags_are_skipped()
    {
        var writer = new KafkaWriter();
        writer.WriteTaggedFields([(1, w => w.WriteInt16(7)), (5, w => w.WriteBool(true))]);
        Assert.Equal(Hex("02", "01 02 0007", "05 01 01"), writer.ToArray());

        short? known = null;
        var reader = new KafkaReader(writer.ToArray());
        reader.ReadTaggedFields("t", (tag, field) =>
        {
            if (tag != 1)
                return false;
            known = field.ReadInt16("x");
            return true;
        });
        Assert.Equal((short)7, known);
        Assert.Equal(0, reader.Remaining);
    }

    [Theory]
    [InlineData("8080808080", "longer than 5 bytes")]
    [InlineData("FFFFFFFF1F", "exceeds 32 bits")]
    [InlineData("80", "truncated")]
    public void A_bad_varint_is_a_decode_error(string hex, string problem)
    {
        var error = Assert.Throws<KafkaDecodeException>(() => new KafkaReader(Hex(hex)).ReadUnsignedVarint("count"));
        Assert.Contains(problem, error.Message);
        Assert.Contains("count", error.Message);
    }

    [Theory]
    [InlineData("0A 6162", "claims 9 bytes")]
    [InlineData("03 FF FE", "not valid UTF-8")]
    [InlineData("00", "null where a string is required")]
    public void A_bad_compact_string_is_a_decode_error(string hex, string problem)
    {
        var error = Assert.Throws<KafkaDecodeException>(() => new KafkaReader(Hex(hex)).ReadCompactString("name"));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void An_array_claiming_more_elements_than_bytes_left_fails_before_reading_any()
    {
        var reads = 0;
        var error = Assert.Throws<KafkaDecodeException>(() =>
            new KafkaReader(Hex("FFFFFFFF0F 00 00")).ReadCompactArray("voters", r => { reads++; return r.ReadInt8("x"); }));
        Assert.Contains("voters", error.Message);
        Assert.Contains("elements", error.Message);
        Assert.Equal(0, reads);
    }

    [Fact]
    public void Tagged_fields_out_of_order_are_a_decode_error()
    {
        var error = Assert.Throws<KafkaDecodeException>(() =>
            new KafkaReader(Hex("02", "05 00", "01 00")).SkipTaggedFields("tags"));
        Assert.Contains("ascending", error.Message);
    }

    [Fact]
    public void A_known_tagged_field_with_bytes_left_over_is_a_decode_error()
    {
        var error = Assert.Throws<KafkaDecodeException>(() =>
            new KafkaReader(Hex("01", "00 03 000700")).ReadTaggedFields("tags", (_, field) => { field.ReadInt16("x"); return true; }));
        Assert.Contains("left over", error.Message);
    }

    [Fact]
    public void A_bool_other_than_zero_or_one_is_a_decode_error()
    {
        Assert.Throws<KafkaDecodeException>(() => new KafkaReader(Hex("02")).ReadBool("validate only"));
    }
}
