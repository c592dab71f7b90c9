using Actors.Grains.Cluster;
using Actors.Grains.Identity;
using Actors.Grains.Manifests;

namespace Actors.Grains.Tests.Cluster;

public class RetainedClaimsTests
{
    private const string Old = "MkU3OEVBNTcwNTJENDM2Qg";
    private const string Other = "NzE2QjY2NDE0MzQ1NDk0Mg";
    private static readonly ClusterIdentity Demo = new("kafka", "demo");

    private static RetainedClaim Broker(int n, string? id, string size = "100Gi") => new($"data-demo-broker-{n}", NodeRole.Broker, id, size);
    private static RetainedClaim Controller(int n, string? id) => new($"data-demo-controller-{n}", NodeRole.Controller, id, "10Gi");

    [Fact]
    public void A_new_cluster_without_claims_gets_a_new_id() =>
        Assert.IsType<GenerateClusterId>(RetainedClaims.Choose(Demo, null, Specs.Valid(), []));

    [Fact]
    public void A_recreated_cluster_adopts_the_id_its_retained_claims_agree_on()
    {
        var choice = RetainedClaims.Choose(Demo, null, Specs.Valid(), [Controller(0, Old), Broker(0, Old), Broker(1, Old)]);

        var adopt = Assert.IsType<AdoptClusterId>(choice);
        Assert.Equal(Old, adopt.Id);
        Assert.Equal(["data-demo-broker-0", "data-demo-broker-1", "data-demo-controller-0"], adopt.Claims);
    }

    [Fact]
    public void Claims_without_an_id_do_not_stand_in_the_way_of_those_that_have_one() =>
        Assert.Equal(Old, Assert.IsType<AdoptClusterId>(RetainedClaims.Choose(Demo, null, Specs.Valid(), [Broker(0, null), Broker(1, Old)])).Id);

    [Fact]
    public void Claims_that_disagree_are_refused_naming_the_odd_one_and_saying_how_to_proceed()
    {
        var choice = RetainedClaims.Choose(Demo, null, Specs.Valid(), [Controller(0, Old), Broker(0, Old), Broker(1, Other)]);

        var refuse = Assert.IsType<RefuseClaims>(choice);
        Assert.Equal(RetainedClaims.ClusterIdConflict, refuse.Reason);
        Assert.Contains($"data-demo-broker-1 has {Other}", refuse.Message);
        Assert.Contains($"data-demo-broker-0, data-demo-controller-0 have {Old}", refuse.Message);
        Assert.Contains("delete the claims", refuse.Message);
        Assert.Contains("restore", refuse.Message);
        Assert.Contains("Nothing was changed", refuse.Message);
    }

    [Fact]
    public void A_cluster_keeps_its_id_while_its_claims_carry_it()
    {
        var choice = RetainedClaims.Choose(Demo, Old, Specs.Valid(), [Broker(0, Old), Broker(1, null)]);

        Assert.Equal(new KeepClusterId(Old), choice);
    }

    [Fact]
    public void A_claim_carrying_another_id_than_the_clusters_is_refused()
    {
        var refuse = Assert.IsType<RefuseClaims>(RetainedClaims.Choose(Demo, Old, Specs.Valid(), [Broker(0, Old), Broker(1, Other)]));

        Assert.Equal(RetainedClaims.ClusterIdConflict, refuse.Reason);
        Assert.Contains($"data-demo-broker-1 has {Other}", refuse.Message);
        Assert.DoesNotContain("data-demo-broker-0", refuse.Message);
    }

    [Fact]
    public void Claims_larger_than_the_new_spec_asks_are_refused_since_a_claim_cannot_shrink()
    {
        var refuse = Assert.IsType<RefuseClaims>(RetainedClaims.Choose(Demo, null, Specs.Valid(), [Broker(0, Old, "200Gi"), Broker(1, Old)]));

        Assert.Equal(RetainedClaims.ClaimsUnusable, refuse.Reason);
        Assert.Contains("data-demo-broker-0 holds 200Gi, spec.brokers.storage.size is 100Gi", refuse.Message);
        Assert.Contains("delete the claims", refuse.Message);
    }

    [Fact]
    public void A_claim_whose_id_is_not_a_cluster_id_is_refused_rather_than_adopted()
    {
        var refuse = Assert.IsType<RefuseClaims>(RetainedClaims.Choose(Demo, null, Specs.Valid(), [Broker(0, "not-an-id"), Broker(1, Old)]));

        Assert.Contains("data-demo-broker-0 has not-an-id", refuse.Message);
    }

    [Theory]
    [InlineData("data-demo-broker-0", NodeRole.Broker)]
    [InlineData("data-demo-controller-12", NodeRole.Controller)]
    [InlineData("data-demo-2-broker-0", null)]
    [InlineData("data-demo-broker-x", null)]
    [InlineData("logs-demo-broker-0", null)]
    [InlineData("data-demo-broker-0\n", null)]
    public void Only_claims_of_the_clusters_identities_count(string name, NodeRole? role) =>
        Assert.Equal(role, RetainedClaims.RoleOf(Demo, name));

    [Fact]
    public void Each_claim_the_operator_creates_records_the_cluster_id()
    {
        var claim = NodeVolume.Render(Demo.Node(NodeKey.Broker(0)), Specs.Valid().Brokers!.Storage!, Old);

        Assert.Equal(Old, claim.Metadata.Annotations![NodeVolume.ClusterIdAnnotation]);
    }
}
