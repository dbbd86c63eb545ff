# Build Mentor Desk for Windows: the PyInstaller --onedir folder, then the per-user installer.
# Run in PowerShell from the checkout, on Windows 10/11 with Python 3.12 (python.org, "py"
# launcher) and Inno Setup 6 (iscc.exe on PATH or in its default folder):
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build-windows.ps1
#
# Result: build\dist\mentordesk\ and build\MentorDesk-VERSION-setup.exe.
# It mirrors packaging/build-linux.sh option for option (tests/app/test_packaging.py checks
# that the two bundle the same things); keep them in step.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$PyInstallerVersion = "6.22.3"
$version = (Select-String -Path app\__init__.py -Pattern '__version__ = "([^"]+)"').Matches[0].Groups[1].Value
$venv = "build\bundle-venv"

if (-not (Test-Path "$venv\Scripts\python.exe")) {
    py -3.12 -m venv $venv
    & "$venv\Scripts\python.exe" -m pip install --quiet --upgrade "pip>=24"
    & "$venv\Scripts\python.exe" -m pip install --quiet -c constraints.txt . "pyinstaller==$PyInstallerVersion"
}

$excludes = @(
    "tkinter", "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets", "PySide6.QtMultimedia", "PySide6.Qt3DCore", "PySide6.QtCharts",
    "PySide6.QtDataVisualization", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtXml",
    "PySide6.QtBluetooth", "PySide6.QtPositioning", "PySide6.QtSerialPort", "PySide6.QtConcurrent",
    "PySide6.QtDBus", "IPython", "matplotlib", "pytest", "pytestqt", "mypy", "ruff", "hypothesis",
    "phonenumbers.geocoder", "phonenumbers.geodata", "phonenumbers.carrier", "phonenumbers.carrierdata",
    "phonenumbers.timezone", "phonenumbers.tzdata", "PIL._avif", "PIL._webp", "numpy.f2py", "setuptools",
    "pydoc_data"
)
$exclude_args = $excludes | ForEach-Object { "--exclude-module"; $_ }
# A password on the data file (as on Linux): imported only once a password is in play.
$hidden_imports = @(
    "sqlcipher3", "sqlcipher3.dbapi2", "argon2", "argon2.low_level", "_argon2_cffi_bindings",
    "_cffi_backend"
)
$hidden_args = $hidden_imports | ForEach-Object { "--hidden-import"; $_ }
$root = (Get-Location).Path

# A Windows icon file, from the PNG sizes (Pillow is in the build environment for ReportLab).
& "$venv\Scripts\python.exe" -c "from PIL import Image; Image.open(r'resources\icons\mentordesk-256.png').save(r'build\mentordesk.ico', sizes=[(16,16),(24,24),(32,32),(48,48),(64,64),(128,128),(256,256)])"

& "$venv\Scripts\pyinstaller.exe" --noconfirm --clean --onedir --windowed --name mentordesk `
    --distpath build\dist --workpath build\work --specpath build `
    --paths $root `
    --collect-submodules app --collect-submodules ui `
    --add-data "$root\resources:resources" `
    --add-data "$root\app\storage\migrations:app\storage\migrations" `
    --add-data "$root\LICENSE:." `
    @hidden_args `
    --icon "$root\build\mentordesk.ico" `
    @exclude_args `
    --log-level WARN `
    packaging\mentordesk_entry.py
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# Trim what Qt brought that Mentor Desk never loads (as on Linux).
$qt = "build\dist\mentordesk\_internal\PySide6"
foreach ($p in "designer", "qmltooling", "sqldrivers", "tls", "networkinformation", "generic") {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue "$qt\plugins\$p"
}
foreach ($p in "tiff", "webp", "icns", "tga", "wbmp") {
    Remove-Item -Force -ErrorAction SilentlyContinue "$qt\plugins\imageformats\q$p.dll"
}
# Qt's translations: qtbase only, in English and the languages Mentor Desk has a catalogue for.
$keep = @("qtbase_en*")
foreach ($po in Get-ChildItem resources\translations\*.po) {
    $code = $po.BaseName
    $keep += "qtbase_$code.qm", ("qtbase_" + $code.Split("_")[0] + ".qm")
}
Get-ChildItem "$qt\translations" -File -ErrorAction SilentlyContinue | Where-Object {
    $name = $_.Name; -not ($keep | Where-Object { $name -like $_ })
} | Remove-Item
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue "build\dist\mentordesk\_internal\resources\screenshots"
Copy-Item LICENSE "build\dist\mentordesk\LICENSE"   # the licence, beside the program (as on Linux)

# The installer.
$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" "/DSourceDir=$root\build\dist\mentordesk" "/DIconFile=$root\build\mentordesk.ico" "/O$root\build" packaging\windows\mentordesk.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "Built build\MentorDesk-$version-setup.exe"
