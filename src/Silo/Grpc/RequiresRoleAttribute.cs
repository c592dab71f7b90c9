using Actors.Silo.Api.Access;

namespace Actors.Silo.Grpc;

/// <summary>
/// The role a gRPC method needs. Grpc.AspNetCore copies a method's attributes into its
/// endpoint metadata, where <see cref="RequireRoleInterceptor"/> reads it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresRoleAttribute(ApiRole role) : Attribute
{
    public ApiRole Role { get; } = role;
}
