using System.Net;

namespace Actors.Kubernetes;

/// <summary>404: the object (or its namespace) does not exist.</summary>
public sealed class KubernetesNotFoundException(HttpStatusCode code, Status status, string method, string path)
    : KubernetesApiException(code, status, method, path);

/// <summary>409 AlreadyExists: a create found the name taken.</summary>
public sealed class KubernetesAlreadyExistsException(HttpStatusCode code, Status status, string method, string path)
    : KubernetesApiException(code, status, method, path);

/// <summary>409 Conflict: the write carried a stale resourceVersion; read again and retry.</summary>
public sealed class KubernetesConflictException(HttpStatusCode code, Status status, string method, string path)
    : KubernetesApiException(code, status, method, path);

/// <summary>410 Gone: the resourceVersion asked for has been compacted; relist.</summary>
public sealed class KubernetesGoneException(HttpStatusCode code, Status status, string method, string path)
    : KubernetesApiException(code, status, method, path);

/// <summary>422 Invalid: validation failed; <see cref="Causes"/> names the fields.</summary>
public sealed class KubernetesInvalidException(HttpStatusCode code, Status status, string method, string path)
    : KubernetesApiException(code, status, method, path)
{
    public IReadOnlyList<StatusCause> Causes => Status.Details?.Causes ?? [];
}

/// <summary>403: RBAC does not allow this verb on this resource.</summary>
public sealed class KubernetesForbiddenException(HttpStatusCode code, Status status, string method, string path)
    : KubernetesApiException(code, status, method, path);

/// <summary>401: the credentials were refused.</summary>
public sealed class KubernetesUnauthorizedException(HttpStatusCode code, Status status, string method, string path)
    : KubernetesApiException(code, status, method, path);

/// <summary>429: throttled by API priority and fairness, still so after the honoured Retry-After attempts.</summary>
public sealed class KubernetesTooManyRequestsException(HttpStatusCode code, Status status, string method, string path, TimeSpan? retryAfter)
    : KubernetesApiException(code, status, method, path, retryAfter);

/// <summary>5xx: the server failed; usually worth retrying later.</summary>
public sealed class KubernetesServerErrorException(HttpStatusCode code, Status status, string method, string path, TimeSpan? retryAfter)
    : KubernetesApiException(code, status, method, path, retryAfter);
