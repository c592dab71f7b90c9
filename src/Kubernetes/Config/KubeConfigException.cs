namespace Actors.Kubernetes;

/// <summary>A kubeconfig or in-cluster configuration that cannot be used; the message says what and where.</summary>
public sealed class KubeConfigException : Exception
{
    public KubeConfigException(string message, Exception? inner = null) : base(message, inner) { }
}
