using Actors.Kubernetes;
using Actors.Silo.Hosting;

namespace Actors.Silo.Tests.Hosting;

/// <summary>--kube-api-qps and --kube-api-burst: the operator's pace towards the Kubernetes API.</summary>
public sealed class KubeApiRateFlagsTests
{
    private static SiloOptions Parse(params string[] args)
    {
        var commandLine = new SiloCommandLine();
        var result = commandLine.Parse(args);
        Assert.Empty(result.Errors);
        return commandLine.OptionsFrom(result);
    }

    [Fact]
    public void Without_the_flags_the_client_keeps_its_own_pace_of_50_per_second_with_bursts_of_100()
    {
        var options = Parse();

        Assert.Equal(50, options.KubeApiQps);
        Assert.Equal(100, options.KubeApiBurst);
        Assert.Equal(new ClientPolicy().Qps, options.KubeApiQps);
        Assert.Equal(new ClientPolicy().Burst, options.KubeApiBurst);
    }

    [Theory]
    [InlineData(new[] { "--kube-api-qps", "200", "--kube-api-burst", "400" }, 200.0, 400)]
    [InlineData(new[] { "--kube-api-qps=7.5", "--kube-api-burst=1" }, 7.5, 1)]
    public void The_flags_set_the_rate_and_the_burst(string[] args, double qps, int burst)
    {
        var options = Parse(args);

        Assert.Equal(qps, options.KubeApiQps);
        Assert.Equal(burst, options.KubeApiBurst);
    }

    [Theory]
    [InlineData("--kube-api-qps=0")]
    [InlineData("--kube-api-qps=-5")]
    [InlineData("--kube-api-qps=fast")]
    [InlineData("--kube-api-qps=NaN")]
    [InlineData("--kube-api-qps=Infinity")]
    [InlineData("--kube-api-burst=0")]
    [InlineData("--kube-api-burst=-1")]
    [InlineData("--kube-api-burst=many")]
    [InlineData("--kube-api-burst=2.5")]
    public void A_value_that_is_not_a_number_above_zero_is_a_usage_error_naming_the_flag(string arg)
    {
        var flag = arg[..arg.IndexOf('=', StringComparison.Ordinal)];
        var value = arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..];

        var message = Assert.Single(new SiloCommandLine().Parse([arg]).Errors).Message;

        Assert.Equal($"{flag}: '{value}' is not a number above zero.", message);
    }
}
