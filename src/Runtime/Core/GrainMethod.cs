using System.Linq.Expressions;
using System.Reflection;

namespace Actors.Runtime;

/// <summary>
/// One method of a grain interface, analysed once: its interleaving attributes and compiled
/// delegates to invoke it on a grain and to shape the caller's return value, so a call costs
/// no reflection.
/// </summary>
internal abstract class GrainMethod
{
    protected GrainMethod(MethodInfo method)
    {
        Method = method;
        Name = method.Name;
        DisplayName = $"{method.DeclaringType!.Name}/{method.Name}";
        AlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: true);
        ReadOnly = method.IsDefined(typeof(ReadOnlyAttribute), inherit: true);
    }

    public MethodInfo Method { get; }
    public string Name { get; }

    /// <summary><c>IFoo/Method</c>: span name and error text.</summary>
    public string DisplayName { get; }
    public bool AlwaysInterleave { get; }
    public bool ReadOnly { get; }

    /// <summary>Called by the reference proxy: dispatches and returns what the interface method returns.</summary>
    public abstract object Call(GrainReference reference, object?[]? args);

    public static GrainMethod Create(MethodInfo method)
    {
        if (method.IsGenericMethodDefinition)
            throw new NotSupportedException($"{method.DeclaringType}.{method.Name}: generic grain methods are not supported.");
        if (method.GetParameters().Any(p => p.ParameterType.IsByRef))
            throw new NotSupportedException($"{method.DeclaringType}.{method.Name}: ref/out parameters are not supported on grain methods.");

        var returnType = method.ReturnType;
        (Type result, ReturnKind kind) = returnType switch
        {
            _ when returnType == typeof(Task) => (typeof(object), ReturnKind.Task),
            _ when returnType == typeof(ValueTask) => (typeof(object), ReturnKind.ValueTask),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(Task<>) => (returnType.GetGenericArguments()[0], ReturnKind.TaskOfT),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(ValueTask<>) => (returnType.GetGenericArguments()[0], ReturnKind.ValueTaskOfT),
            _ => throw new NotSupportedException(
                $"{method.DeclaringType}.{method.Name} returns {returnType}; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>."),
        };
        var typed = typeof(GrainMethod<>).MakeGenericType(result);
        return (GrainMethod)Activator.CreateInstance(typed, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance, null, [method, kind], null)!;
    }
}

internal enum ReturnKind { Task, TaskOfT, ValueTask, ValueTaskOfT }

internal sealed class GrainMethod<T> : GrainMethod
{
    private readonly Func<object, object?[]?, ValueTask<T>> _invoke;
    private readonly Func<Task<T>, object> _shape;

    public GrainMethod(MethodInfo method, ReturnKind kind) : base(method)
    {
        _invoke = CompileInvoker(method, kind);
        _shape = kind switch
        {
            ReturnKind.Task or ReturnKind.TaskOfT => static t => t,
            ReturnKind.ValueTask => static t => new ValueTask(t),
            _ => static t => new ValueTask<T>(t),
        };
    }

    public override object Call(GrainReference reference, object?[]? args) =>
        _shape(reference.Runtime.Call(reference, this, args));

    /// <summary>Runs the method on the grain instance.</summary>
    public ValueTask<T> Invoke(object grain, object?[]? args) => _invoke(grain, args);

    private static Func<object, object?[]?, ValueTask<T>> CompileInvoker(MethodInfo method, ReturnKind kind)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var arguments = method.GetParameters().Select((p, i) =>
            (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        Expression call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, arguments);
        Expression body = kind switch
        {
            ReturnKind.ValueTaskOfT => call,
            ReturnKind.TaskOfT => Expression.New(typeof(ValueTask<T>).GetConstructor([typeof(Task<T>)])!, call),
            ReturnKind.Task => Expression.Call(typeof(GrainMethod<T>).GetMethod(nameof(FromTask), BindingFlags.NonPublic | BindingFlags.Static)!, call),
            _ => Expression.Call(typeof(GrainMethod<T>).GetMethod(nameof(FromValueTask), BindingFlags.NonPublic | BindingFlags.Static)!, call),
        };
        return Expression.Lambda<Func<object, object?[]?, ValueTask<T>>>(body, grain, args).Compile();
    }

    private static ValueTask<T> FromTask(Task task)
    {
        if (task.IsCompletedSuccessfully) return new ValueTask<T>(default(T)!);
        return Await(task);
        static async ValueTask<T> Await(Task task) { await task.ConfigureAwait(false); return default!; }
    }

    private static ValueTask<T> FromValueTask(ValueTask task)
    {
        if (task.IsCompletedSuccessfully) return new ValueTask<T>(default(T)!);
        return Await(task);
        static async ValueTask<T> Await(ValueTask task) { await task.ConfigureAwait(false); return default!; }
    }
}
