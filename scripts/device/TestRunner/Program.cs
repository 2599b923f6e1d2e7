using System.Reflection;
using System.Runtime.ExceptionServices;

// The device machine has the .NET runtime we carry but no SDK, so no `dotnet test`. This runs the [Fact]s
// (including [CudaFact]) and [Theory]/[InlineData] cases of the test classes in one namespace of an xunit v2
// assembly, by reflection: a fresh class instance per case (as xunit), IDisposable honoured, Skip honoured and
// shown. Enough for the Devices tests, which use no fixtures or collections. Ends with xunit's summary line.
// Usage: dotnet vqdna-test-runner.dll TESTS.dll NAMESPACE_PREFIX
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: vqdna-test-runner TESTS.dll NAMESPACE_PREFIX");
    return 2;
}
var assembly = Assembly.LoadFrom(Path.GetFullPath(args[0]));
int passed = 0, failed = 0, skipped = 0;
foreach (var type in assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && t.Namespace?.StartsWith(args[1], StringComparison.Ordinal) == true).OrderBy(t => t.FullName))
{
    foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance).OrderBy(m => m.MetadataToken))
    {
        var fact = method.GetCustomAttributes().FirstOrDefault(a => IsA(a.GetType(), "Xunit.FactAttribute"));
        if (fact is null) continue;
        var name = $"{type.Name}.{method.Name}";
        if (fact.GetType().GetProperty("Skip")?.GetValue(fact) is string { Length: > 0 } reason)
        {
            skipped++;
            Console.WriteLine($"[SKIP] {name}: {reason}");
            continue;
        }
        var cases = IsA(fact.GetType(), "Xunit.TheoryAttribute")
            ? method.GetCustomAttributes().Where(a => a.GetType().FullName == "Xunit.InlineDataAttribute")
                .Select(a => ((IEnumerable<object?[]>)a.GetType().GetMethod("GetData")!.Invoke(a, [method])!).Single()).ToList()
            : [[]];
        foreach (var arguments in cases)
        {
            var label = arguments.Length == 0 ? name : $"{name}({string.Join(", ", arguments)})";
            var watch = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var instance = Activator.CreateInstance(type);
                try
                {
                    method.Invoke(instance, arguments);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                }
                finally
                {
                    (instance as IDisposable)?.Dispose();
                }
                passed++;
                Console.WriteLine($"[PASS] {label} ({watch.Elapsed.TotalMilliseconds:F0} ms)");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"[FAIL] {label}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
    }
}
Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
return failed == 0 && passed > 0 ? 0 : 1;

static bool IsA(Type? type, string fullName)
{
    for (; type is not null; type = type.BaseType)
        if (type.FullName == fullName) return true;
    return false;
}
