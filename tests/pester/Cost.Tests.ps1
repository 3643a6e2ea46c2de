#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Measure-RbTaskCost as a wrangler uses it: what the farm cost, by group, from its own listing or from piped tasks.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    # 10,000 tasks: about a hundred pages; the clock stands still so that two listings see the same costs
    $script:emulator = Start-RbEmulator -Seed 21 -TaskCount 10000 -Speed 0 -Confirm:$false
    Connect-Renderbus -Emulator $script:emulator
    $script:tasks = @(Get-RbTask)
    $script:total = [decimal]0
    foreach ($t in $script:tasks) { $script:total += $t.Cost }
}

AfterAll {
    Disconnect-Renderbus -Confirm:$false
    $script:emulator | Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Measure-RbTaskCost' {
    It 'adds up 10,000 tasks by <By> to exactly the sum of their Cost' -ForEach @(
        @{ By = @('Project') }, @{ By = @('Software', 'Day') }, @{ By = @('Status', 'Submitter') }, @{ By = @('Label') }
    ) {
        $groups = @(Measure-RbTaskCost -By $By)
        $sum = [decimal]0
        foreach ($g in $groups) { $sum += $g.Cost }
        $sum | Should -Be $total
        ($groups | Measure-Object Count -Sum).Sum | Should -Be $tasks.Count
        $groups[0].Cost | Should -Be ($groups | Measure-Object Cost -Maximum).Maximum
        @($groups | Where-Object { $_ -isnot [RenderbusPS.Core.Models.RbTaskCost] }).Count | Should -Be 0
    }

    It 'gives the same groups for piped tasks as for its own listing' {
        $piped = @($tasks | Measure-RbTaskCost -By Status)
        $listed = @(Measure-RbTaskCost -By Status)
        ($piped | ForEach-Object { '{0}={1}/{2}' -f $_.Status, $_.Count, $_.Cost }) |
            Should -Be ($listed | ForEach-Object { '{0}={1}/{2}' -f $_.Status, $_.Count, $_.Cost })
    }

    It 'does not count the layers of Get-RbTask -IncludeLayers twice' {
        $layered = Get-RbTask -IncludeLayers -First 300 | Measure-RbTaskCost
        $plain = Get-RbTask -First 300 | Measure-RbTaskCost
        $layered.Count | Should -Be 300
        $layered.Cost | Should -Be $plain.Cost
    }

    It 'counts only the projects -Project names (wildcards) among the tasks submitted since -Since' {
        $since = $tasks[1000].SubmittedAt.LocalDateTime.AddSeconds(30)
        $result = @(Measure-RbTaskCost -Project 'feature*', 'LOOKDEV' -Since $since -By Project)
        $expected = @($tasks | Where-Object {
                $_.SubmittedAt.LocalDateTime -gt $since -and $_.ProjectName -in 'feature_ep01', 'lookdev' })
        $result.Project | Sort-Object | Should -Be @('feature_ep01', 'lookdev')
        ($result | Measure-Object Count -Sum).Sum | Should -Be $expected.Count
        $sum = [decimal]0
        foreach ($t in $expected) { $sum += $t.Cost }
        $result[0].Cost + $result[1].Cost | Should -Be $sum
    }

    It 'writes one group without -By, with a Cost of 0 when no task matched' {
        $all = @(Measure-RbTaskCost)
        $all.Count | Should -Be 1
        $all[0].Group | Should -Be 'All tasks'
        $all[0].Cost | Should -Be $total
        $none = @(Measure-RbTaskCost -Since (Get-Date).AddDays(2))
        $none.Count | Should -Be 1
        $none[0].Count | Should -Be 0
        $none[0].Cost | Should -Be 0
    }

    It 'shows each group with its share as a bar, the biggest first, within 120 columns' {
        $text = Measure-RbTaskCost -By Software | Out-String -Width 120
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Group\s+Count\s+Done\s+Failed\s+RenderTime\s+Cost\s+Share'
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
        $first = $lines[2]
        $first | Should -Match '\d+\.\d%\s#+$'
        ($first -replace '^.*%\s', '').Length | Should -BeGreaterThan ($lines[-1] -replace '^.*%\s?', '').Length
    }

    It 'refuses times the wrong way round before asking the farm anything' {
        $before = $emulator.RequestCount
        { Measure-RbTaskCost -Since (Get-Date) -Until (Get-Date).AddDays(-1) -ErrorAction Stop } |
            Should -Throw -ErrorId 'Rb.InvalidTimeRange*'
        { Measure-RbTaskCost -By Colour -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        $emulator.RequestCount | Should -Be $before
    }

    It 'writes nothing but the error when the task list cannot be read to its end' {
        # more failures than the client's retries, after the first pages
        $fault = [RenderbusPS.Emulator.Faults.RbFault]@{ Operation = 'getTaskList'; After = 5; Count = 40; Code = 500 }
        $null = $emulator.Faults.Add($fault)
        try {
            $out = $null
            { $script:out = Measure-RbTaskCost -By Project -ThrottleLimit 1 -ErrorAction Stop } |
                Should -Throw -ErrorId 'Rb.InternalError*'
            $script:out | Should -BeNullOrEmpty
        }
        finally {
            $emulator.Faults.Clear()
        }
    }
}
