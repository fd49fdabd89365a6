from cablekg.cli import main

main()
