# One helper creates every module target so that the link graph (the architecture) is declared
# once and visibly, and every target gets the same strict compile settings.

function(ud_strict_target target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
        QT_NO_CONTEXTLESS_CONNECT QT_NO_FOREACH QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_DISABLE_DEPRECATED_UP_TO=0x060400)
    target_compile_options(${target} PRIVATE -Wall -Wextra)
    if(UD_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# ud_add_module(NAME accounts [GUI] DEPENDS core rules LIBS Qt6::Sql)
# Sources are the .cpp/.h files directly in the module folder (not in ui/, which is its own
# target). Code includes headers as <name/header.h>.
function(ud_add_module)
    cmake_parse_arguments(M "GUI" "NAME;DIR" "DEPENDS;LIBS" ${ARGN})
    if(NOT M_DIR)
        set(M_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    endif()
    file(GLOB sources CONFIGURE_DEPENDS ${M_DIR}/*.cpp ${M_DIR}/*.h ${M_DIR}/*.qrc)
    add_library(ud_${M_NAME} STATIC ${sources})
    add_library(UtilityDesk::${M_NAME} ALIAS ud_${M_NAME})
    target_include_directories(ud_${M_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/modules)
    set(deps)
    foreach(d IN LISTS M_DEPENDS)
        list(APPEND deps UtilityDesk::${d})
    endforeach()
    if(M_GUI)
        target_link_libraries(ud_${M_NAME} PUBLIC ${deps} Qt6::Widgets ${M_LIBS})
    else()
        target_link_libraries(ud_${M_NAME} PUBLIC ${deps} Qt6::Core Qt6::Sql ${M_LIBS})
    endif()
    ud_strict_target(ud_${M_NAME})
endfunction()
