# Starting this same PowerShell again, for the suites that run something as a fresh process would (the package, the
# ops checks).

function Get-ThisPowerShell {
    # how to start this same PowerShell again: the .NET tool's process is dotnet, which needs pwsh.dll first
    $path = (Get-Process -Id $PID).Path
    $prefix = @()
    if ([IO.Path]::GetFileNameWithoutExtension($path) -eq 'dotnet') { $prefix = @([Environment]::GetCommandLineArgs()[0]) }
    [pscustomobject]@{ Path = $path; Prefix = $prefix }
}
