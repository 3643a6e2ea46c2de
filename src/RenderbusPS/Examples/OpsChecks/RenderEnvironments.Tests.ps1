# Ops check: no render environment uses a software version the farm no longer offers (Get-RbSoftware -ListVersion on
# the environment's OS). No threshold. See README.md.
param(
    [string] $Domain,
    [int] $Platform
)

BeforeAll {
    . (Join-Path $PSScriptRoot 'OpsCheckSession.ps1')
    $script:opened = Open-OpsCheckSession -Domain $Domain -Platform $Platform
}

AfterAll {
    Close-OpsCheckSession $opened
}

Describe 'Render environments' {
    It 'no render environment uses a software version the farm no longer offers' {
        $offered = @{}
        $stale = @(foreach ($environment in Get-RbRenderEnv) {
                $key = '{0}/{1}' -f $environment.SoftwareId, $environment.OS
                if (-not $offered.ContainsKey($key)) {
                    $offered[$key] = @(Get-RbSoftware -Name $environment.SoftwareId -ListVersion -OS $environment.OS |
                            ForEach-Object Version)
                }
                if ($offered[$key] -notcontains $environment.Version) {
                    '{0} ({1} {2} on {3})' -f $environment.Name, $environment.SoftwareName, $environment.Version, $environment.OS
                }
            })
        $stale | Should -BeNullOrEmpty -Because 'an environment whose version was retired cannot render'
    }
}
