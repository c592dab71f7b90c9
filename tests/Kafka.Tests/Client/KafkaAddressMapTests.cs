using Actors.Kafka.Client;

namespace Actors.Kafka.Tests.Client;

public class KafkaAddressMapTests
{
    [Fact]
    public void A_mapped_address_resolves_to_its_target_host_names_ignoring_case_and_others_stay_as_they_are()
    {
        var map = KafkaAddressMap.Parse(" demo-kafka-bootstrap.kafka.svc:9092 = 127.0.0.1:19092 , demo-broker-0.kafka.svc:9092=[::1]:19093");

        Assert.Equal(2, map.Count);
        Assert.Equal(new KafkaEndpoint("127.0.0.1", 19092), map.Resolve(new KafkaEndpoint("Demo-Kafka-Bootstrap.kafka.svc", 9092)));
        Assert.Equal(new KafkaEndpoint("::1", 19093), map.Resolve(new KafkaEndpoint("demo-broker-0.kafka.svc", 9092)));
        Assert.Equal(new KafkaEndpoint("demo-broker-0.kafka.svc", 9093), map.Resolve(new KafkaEndpoint("demo-broker-0.kafka.svc", 9093)));
        Assert.Equal("[::1]:19093", new KafkaEndpoint("::1", 19093).ToString());
    }

    [Theory]
    [InlineData("demo:9092", "address mapping 'demo:9092' is not host:port=host:port")]
    [InlineData("demo:9092=local:0", "'local:0' is not host:port")]
    [InlineData("demo=local:1", "'demo' is not host:port")]
    [InlineData(":9092=local:1", "':9092' is not host:port")]
    [InlineData("demo:9092=local:1=x:2", "is not host:port=host:port")]
    [InlineData("demo:9092=local:99999", "'local:99999' is not host:port")]
    public void A_bad_mapping_is_refused_naming_the_entry(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => KafkaAddressMap.Parse(text));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void An_address_mapped_twice_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => KafkaAddressMap.Parse("a:1=b:2,A:1=c:3"));

        Assert.Contains("A:1 is mapped twice", error.Message);
    }
}
